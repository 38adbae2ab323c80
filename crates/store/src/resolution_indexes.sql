-- Keys and indexes of the resolution's tables, created after their bulk load.
CREATE UNIQUE INDEX company_key ON company(id);
CREATE UNIQUE INDEX company_name_key ON company_name(company_id, name);
CREATE INDEX record_company_company ON record_company(company_id);
CREATE INDEX company_relation_company ON company_relation(company_id);
