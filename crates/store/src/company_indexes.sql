-- Keys and indexes of the company tables, created after their bulk load.
CREATE UNIQUE INDEX company_key ON company(id);
CREATE UNIQUE INDEX company_name_key ON company_name(company_id, name);
CREATE UNIQUE INDEX assessment_key ON assessment(company_id);
CREATE UNIQUE INDEX capability_finding_key ON capability_finding(company_id, capability);
CREATE UNIQUE INDEX market_key ON market(company_id, fair_id);
CREATE INDEX record_company_company ON record_company(company_id);
CREATE INDEX company_relation_company ON company_relation(company_id);
CREATE INDEX evidence_company ON evidence(company_id, capability);
