package dev.gatehouse.core.model;

/**
 * What a directory import changed: users new to the tenant, users whose email or name changed, users already
 * as in the file, links imported, and links the tenant already had.
 *
 * @param added users new to the tenant
 * @param updated users whose email or name changed
 * @param unchanged users already as in the file
 * @param linksImported links added
 * @param linksUnchanged links the tenant already had
 */
public record ImportCounts(long added, long updated, long unchanged, long linksImported, long linksUnchanged) {
    public ImportCounts {
        if (added < 0 || updated < 0 || unchanged < 0 || linksImported < 0 || linksUnchanged < 0) {
            throw new IllegalArgumentException("import counts are 0 or more");
        }
    }

    /**
     * Users in the file.
     *
     * @return added, updated and unchanged users together
     */
    public long users() {
        return added + updated + unchanged;
    }
}
