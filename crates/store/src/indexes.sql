-- Created after the bulk load, which is faster than maintaining them row by row.
CREATE INDEX exhibitor_record_fair ON exhibitor_record(fair_id, position);
CREATE INDEX exhibitor_record_country ON exhibitor_record(country);
CREATE INDEX fair_series_year ON fair(series, year);
CREATE INDEX fair_host_country ON fair(host_country);
CREATE VIEW record_provenance AS
    SELECT r.id AS record_id, r.name_raw, f.slug AS fair, f.file,
           CASE f.origin WHEN 'caat' THEN '/exhibitor/' || r.position ELSE 'line ' || r.position END AS place_in_file, f.exhibitor_list_url, f.exhibitor_list_date
    FROM exhibitor_record r JOIN fair f ON f.id = r.fair_id;
CREATE INDEX record_company_company ON record_company(company_id);
CREATE INDEX company_relation_company ON company_relation(company_id);
CREATE INDEX evidence_company ON evidence(company_id, capability);
