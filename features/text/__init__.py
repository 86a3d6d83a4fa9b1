"""Reading input text: strict decoding, sentences, news-page boilerplate."""
