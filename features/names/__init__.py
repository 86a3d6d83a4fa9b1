"""Place names: folding, the resolver, mentions in text, pre-2025 province names."""
