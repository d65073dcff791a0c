/** How a module's demo seeding reports each row it upserted (inserted now, or there already). */
export type SeedCounter = (kind: string, inserted: boolean) => void;

export type SeedLog = (line: string) => void;
