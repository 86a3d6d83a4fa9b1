"""Text embeddings: the local model, its cache, its conversion from the wheel."""
