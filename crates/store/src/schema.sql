-- fairwatch database schema. docs/schema.md explains every table; keep the two in step.
-- The company tables' keys are unique indexes in company_indexes.sql, built after the bulk load:
-- checking a key on every insert cost more than writing the rows.
CREATE TABLE build_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE source (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, location TEXT NOT NULL);
CREATE TABLE country (
    iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, m49 TEXT, name TEXT NOT NULL,
    region TEXT NOT NULL, subregion TEXT NOT NULL, intermediate_region TEXT NOT NULL, continent TEXT NOT NULL
);
CREATE TABLE fair (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    file TEXT NOT NULL,
    name TEXT NOT NULL,
    series TEXT NOT NULL,
    edition TEXT NOT NULL,
    year INTEGER,
    start_date TEXT,
    end_date TEXT,
    approx_date TEXT,
    host_country TEXT REFERENCES country(iso2),
    host_country_raw TEXT,
    host_country_field TEXT,
    address TEXT,
    online INTEGER NOT NULL,
    websites TEXT,
    aliases TEXT,
    has_exhibitor_list INTEGER NOT NULL,
    exhibitor_list_url TEXT,
    exhibitor_list_date TEXT,
    exhibitor_list_incomplete INTEGER NOT NULL,
    exhibitor_count INTEGER NOT NULL,
    delegation_list_url TEXT,
    delegation_list_date TEXT
);
CREATE TABLE organiser (
    fair_id INTEGER NOT NULL REFERENCES fair(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, country TEXT REFERENCES country(iso2), country_raw TEXT, websites TEXT,
    PRIMARY KEY (fair_id, position)
);
CREATE TABLE delegation (
    fair_id INTEGER NOT NULL REFERENCES fair(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, attended INTEGER, retracted INTEGER,
    PRIMARY KEY (fair_id, position)
);
CREATE TABLE exhibitor_record (
    id INTEGER PRIMARY KEY,
    fair_id INTEGER NOT NULL REFERENCES fair(id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    name_raw TEXT NOT NULL,
    aliases TEXT,
    country TEXT REFERENCES country(iso2),
    country_raw TEXT,
    country_field TEXT,
    address TEXT,
    websites TEXT,
    emails TEXT,
    telephones TEXT,
    categories TEXT,
    exhibitor_url TEXT,
    social TEXT,
    duplicate_of INTEGER REFERENCES exhibitor_record(id)
);
CREATE TABLE country_value_problem (
    kind TEXT NOT NULL CHECK (kind IN ('unresolved', 'not_a_country')),
    field TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (kind, field, value)
);
CREATE TABLE ingest_problem (file TEXT NOT NULL, line INTEGER, "column" INTEGER, message TEXT NOT NULL);
CREATE TABLE company (
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    anchor TEXT NOT NULL,
    country TEXT REFERENCES country(iso2),
    records INTEGER NOT NULL,
    fairs INTEGER NOT NULL,
    first_year INTEGER,
    last_year INTEGER
);
CREATE TABLE company_name (
    company_id TEXT NOT NULL REFERENCES company(id), name TEXT NOT NULL, records INTEGER NOT NULL
);
CREATE TABLE record_company (
    record_id INTEGER PRIMARY KEY REFERENCES exhibitor_record(id),
    kind TEXT NOT NULL,
    company_id TEXT REFERENCES company(id)
);
CREATE TABLE company_relation (
    company_id TEXT NOT NULL REFERENCES company(id),
    kind TEXT NOT NULL CHECK (kind IN ('member_of_group', 'formerly', 'formerly_member_of', 'joint_stand')),
    other_company_id TEXT REFERENCES company(id),
    other_name TEXT NOT NULL,
    evidence_record_id INTEGER NOT NULL REFERENCES exhibitor_record(id),
    records INTEGER NOT NULL
);
CREATE TABLE judgement (
    left_name TEXT NOT NULL, right_name TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('same', 'not_same', 'unsure', 'same_group', 'not_same_group')),
    author TEXT NOT NULL, date TEXT NOT NULL, note TEXT NOT NULL,
    effect TEXT CHECK (effect IN ('applied', 'name_not_found', 'overruled', 'unenforceable')),
    effect_detail TEXT NOT NULL
);
-- Corporate groups: every company is a member of exactly one.
CREATE TABLE corporate_group (
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    anchor TEXT NOT NULL,
    headquarters TEXT REFERENCES country(iso2),
    headquarters_reason TEXT NOT NULL CHECK (headquarters_reason IN
        ('curated_parent', 'parent_records', 'records_majority', 'no_clear_majority', 'no_country')),
    companies INTEGER NOT NULL,
    records INTEGER NOT NULL
);
CREATE TABLE group_member (
    group_id TEXT NOT NULL REFERENCES corporate_group(id),
    company_id TEXT NOT NULL REFERENCES company(id),
    head INTEGER NOT NULL,
    link TEXT
);
CREATE TABLE group_link (
    company_id TEXT NOT NULL REFERENCES company(id),
    other_company_id TEXT NOT NULL REFERENCES company(id),
    evidence TEXT NOT NULL CHECK (evidence IN ('judgement', 'curated', 'stated_relation', 'former_name',
        'shared_domain', 'national_entity', 'division', 'shared_brand', 'same_name_abroad')),
    detail TEXT NOT NULL,
    source_url TEXT,
    accepted INTEGER NOT NULL
);
-- Rows of data/groups.csv whose member names no company of this build.
CREATE TABLE curated_link_unmatched (member TEXT NOT NULL);
-- Assessment of the whole corpus with the default settings (build_info says which adversaries), at both
-- levels: `group` (the firm people name: firm_id is a corporate_group id) and `entity` (each legal entity:
-- firm_id is a company id). Ids are stored; the words for people are made where they are shown.
CREATE TABLE assessment (
    level TEXT NOT NULL CHECK (level IN ('group', 'entity')),
    firm_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'government', 'police_military', 'university_research',
        'association', 'media', 'organiser')),
    kind_reason TEXT NOT NULL,
    confidence TEXT CHECK (confidence IN ('low', 'medium', 'high')),
    headquarters TEXT REFERENCES country(iso2),
    headquarters_reason TEXT NOT NULL CHECK (headquarters_reason IN ('registry', 'curated_parent',
        'parent_records', 'records_majority', 'no_clear_majority', 'no_country')),
    headquarters_detail TEXT NOT NULL,
    outside_home_continent INTEGER NOT NULL,
    rating TEXT CHECK (rating IN ('no_concern', 'unrated', 'autocracies', 'nato_and_autocracies',
        'adversaries', 'irresponsible_proliferator')),
    rating_explanation TEXT
);
CREATE TABLE capability_finding (
    level TEXT NOT NULL,
    firm_id TEXT NOT NULL,
    capability TEXT NOT NULL,
    in_scope INTEGER NOT NULL,
    confidence TEXT CHECK (confidence IN ('low', 'medium', 'high'))
);
CREATE TABLE evidence (
    level TEXT NOT NULL,
    firm_id TEXT NOT NULL,
    capability TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('category', 'name', 'registry', 'vendor_list', 'event')),
    strength TEXT NOT NULL CHECK (strength IN ('weak', 'strong')),
    company_id TEXT NOT NULL REFERENCES company(id),
    record_id INTEGER REFERENCES exhibitor_record(id),
    text TEXT NOT NULL,
    basis TEXT NOT NULL
);
CREATE TABLE market (
    level TEXT NOT NULL,
    firm_id TEXT NOT NULL,
    fair_id INTEGER NOT NULL REFERENCES fair(id),
    records INTEGER NOT NULL,
    host_country TEXT REFERENCES country(iso2),
    year INTEGER,
    nato INTEGER NOT NULL,
    adversary INTEGER NOT NULL,
    regime TEXT,
    regime_year INTEGER
);
