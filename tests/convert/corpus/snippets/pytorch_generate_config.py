from transformers import AutoModelForCausalLM
lm = AutoModelForCausalLM.from_pretrained('gpt2')
out = lm.generate(input_ids, max_new_tokens=50, temperature=0.8, top_p=0.9)
