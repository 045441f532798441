"""Data files of the bulletins: the per-language lexicons (lexicon/{fr,en,uk}.toml) and the approximation rule."""
