from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained('bert-base-uncased')
ids = tok.encode('Hello, world!')
text = tok.decode(ids)
