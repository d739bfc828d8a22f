-- Fetch facts (issue 14): phase timings of the final request of each HTTP capture, in
-- milliseconds. Null for file imports, for captures made before this migration, and for a phase
-- that did not happen (no name lookup or connection set-up on a reused connection).
ALTER TABLE captures
  ADD COLUMN dns_ms        double precision CHECK (dns_ms >= 0),
  ADD COLUMN connect_ms    double precision CHECK (connect_ms >= 0),
  ADD COLUMN first_byte_ms double precision CHECK (first_byte_ms >= 0),
  ADD COLUMN total_ms      double precision CHECK (total_ms >= 0);

-- content_type is documented as the media type without parameters, but the fetch step stored the
-- whole Content-Type header. The header stays in response_headers (the provenance); the column
-- is brought in line with its documentation: lower-cased, parameters dropped.
UPDATE captures
   SET content_type = nullif(lower(btrim(split_part(content_type, ';', 1))), '')
 WHERE content_type IS NOT NULL
   AND content_type IS DISTINCT FROM nullif(lower(btrim(split_part(content_type, ';', 1))), '');
