/**
 * Access codes just made, per survey, kept only in this page's memory so they can be printed.
 * The server keeps only their hashes and this never writes them to storage, the URL or history:
 * a reload, closing the tab or signing out loses them, and the leader makes more instead.
 */
export class LeadCodes {
  private batches = $state.raw<ReadonlyMap<number, readonly string[]>>(new Map())

  for(surveyId: number): readonly string[] | undefined {
    return this.batches.get(surveyId)
  }

  keep(surveyId: number, codes: readonly string[]): void {
    this.batches = new Map(this.batches).set(surveyId, codes)
  }

  forgetAll(): void {
    this.batches = new Map()
  }
}
