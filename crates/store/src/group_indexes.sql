-- Keys and indexes of the group tables, created after their bulk load.
CREATE UNIQUE INDEX corporate_group_key ON corporate_group(id);
CREATE UNIQUE INDEX group_member_key ON group_member(company_id);
CREATE INDEX group_member_group ON group_member(group_id);
CREATE INDEX group_link_company ON group_link(company_id);
-- Each record, its company and its group: the chain a finding about a group is traced through.
CREATE VIEW record_group AS
SELECT r.id AS record_id, r.fair_id, r.name_raw, r.country,
       rc.company_id, c.name AS company_name, gm.group_id, g.name AS group_name, gm.link AS group_link
FROM exhibitor_record r
JOIN record_company rc ON rc.record_id = r.id
LEFT JOIN company c ON c.id = rc.company_id
LEFT JOIN group_member gm ON gm.company_id = rc.company_id
LEFT JOIN corporate_group g ON g.id = gm.group_id;
