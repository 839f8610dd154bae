import { Injectable } from '@nestjs/common';

/** The reference's chaos switch: once tripped, health stays DOWN until the process restarts. */
@Injectable()
export class FailSwitch {
  private tripped = false;

  get failed(): boolean {
    return this.tripped;
  }

  trip(): void {
    this.tripped = true;
  }
}
