"""Generate a continuation of a prompt with a causal language model."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_NAME = "gpt2"


def generate(prompt, max_new_tokens=50):
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    model = AutoModelForCausalLM.from_pretrained(MODEL_NAME)
    model.eval()
    input_ids = tokenizer.encode(prompt, return_tensors="pt")
    with torch.no_grad():
        output = model.generate(input_ids, max_new_tokens=max_new_tokens)
    return tokenizer.decode(output, skip_special_tokens=True)


if __name__ == "__main__":
    print(generate("The Sovereign AI Stack is"))
