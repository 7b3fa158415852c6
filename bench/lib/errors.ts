/** Errors seen by the load generator: counted, with the first few kept as examples for the report. */
export class ErrorLog {
  count = 0;
  readonly samples: string[] = [];

  add(what: string): void {
    this.count++;
    if (this.samples.length < 20) this.samples.push(what);
  }
}
