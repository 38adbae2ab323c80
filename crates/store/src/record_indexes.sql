-- Indexes of the fair and record tables, created once the records are loaded (faster than
-- maintaining them row by row) and, in a full build, while companies are being resolved.
CREATE INDEX exhibitor_record_fair ON exhibitor_record(fair_id, position);
CREATE INDEX exhibitor_record_country ON exhibitor_record(country);
CREATE INDEX fair_series_year ON fair(series, year);
CREATE INDEX fair_host_country ON fair(host_country);
CREATE VIEW record_provenance AS
    SELECT r.id AS record_id, r.name_raw, f.slug AS fair, f.file,
           CASE f.origin WHEN 'caat' THEN '/exhibitor/' || r.position ELSE 'line ' || r.position END AS place_in_file, f.exhibitor_list_url, f.exhibitor_list_date
    FROM exhibitor_record r JOIN fair f ON f.id = r.fair_id;
