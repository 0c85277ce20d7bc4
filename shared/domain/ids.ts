/** The largest id a Postgres `integer` column holds: larger ids in addresses or requests name nothing. */
export const MAX_ID = 2_147_483_647
