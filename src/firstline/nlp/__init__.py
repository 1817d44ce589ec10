"""Text analysis shared by understanding and knowledge: embeddings, language, stemming."""
