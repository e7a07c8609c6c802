-- A person's groups (affiliations) as a sorted ';'-separated list of normalised names ('' for none): compared as a
-- whole by imports, read whole with the person.
ALTER TABLE directory_users ADD COLUMN groups text NOT NULL DEFAULT '';

-- A server's roles per group, as sorted 'group=role_id' pairs separated by ';' ('' for none).
ALTER TABLE guilds ADD COLUMN group_roles text NOT NULL DEFAULT '';
