//! The `group` stage: companies (legal entities) into the corporate groups people name.
