-- Canonical actor names (ActorMention.name, following pronouns and descriptions to what they refer to), so
-- lists, networks and exports can say "Barack Obama" where the evidence says "his".
ALTER TABLE events ADD COLUMN source_name TEXT;
ALTER TABLE events ADD COLUMN target_name TEXT;
