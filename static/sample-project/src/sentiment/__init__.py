"""sentiment-lab: sentiment classification experiments."""

__version__ = "0.3.0"
