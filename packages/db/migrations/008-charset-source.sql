-- Which rule chose the charset an article's text was decoded with (core's CharsetSource: bom,
-- content-type, meta, valid-utf-8, detector, default, text), beside the article's charset.
-- Null for articles stored before it was recorded.
ALTER TABLE articles ADD COLUMN charset_source text;
