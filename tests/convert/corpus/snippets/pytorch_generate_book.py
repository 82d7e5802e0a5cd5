model.generate(prompt, max_length=100)
