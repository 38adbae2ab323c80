-- Keys and indexes of the assessment's tables, created after the bulk load of both levels.
CREATE UNIQUE INDEX assessment_key ON assessment(level, firm_id);
CREATE UNIQUE INDEX capability_finding_key ON capability_finding(level, firm_id, capability);
CREATE UNIQUE INDEX market_key ON market(level, firm_id, fair_id);
CREATE INDEX evidence_firm ON evidence(level, firm_id, capability);
