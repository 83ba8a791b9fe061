import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#core';
import { maySeeCase } from '#domain';
import { sha256Hex } from '../ids.js';
import { type Principal } from '../principal.js';
import { DisputeRepository } from './dispute-repository.js';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store.js';

/** One piece of evidence as it was uploaded, with what the case recorded about it. */
export interface EvidenceFile {
  readonly caseId: string;
  readonly evidenceId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly size: number;
  readonly content: Buffer;
}

/** GET /disputes/{id}/evidence/{sha256}: the file, to exactly those who may see the case. */
export class GetEvidence extends Query<EvidenceFile> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly sha256: string,
  ) {
    super();
  }
}

/**
 * Reads evidence back: the case must be one the caller may see and must list this hash (the
 * first piece with it, if it was added twice), else 404 either way, so the answer never tells
 * whether a file exists on another case. The bytes are checked against their hash on the way out.
 */
@QueryHandler(GetEvidence)
export class GetEvidenceHandler implements IQueryHandler<GetEvidence> {
  constructor(
    @Inject(DisputeRepository) private readonly repository: DisputeRepository,
    @Inject(EVIDENCE_STORE) private readonly evidence: EvidenceStore,
  ) {}

  async execute(q: GetEvidence): Promise<EvidenceFile> {
    const loaded = await this.repository.load(q.caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, q.principal)) throw new NotFoundError(`No dispute ${q.caseId}.`, 'DISPUTE.NOT_FOUND');
    const piece = loaded.snapshot.context.evidence.find((e) => e.sha256 === q.sha256);
    if (!piece) throw new NotFoundError(`The case has no evidence with SHA-256 ${q.sha256.slice(0, 64)}.`, 'EVIDENCE.NOT_FOUND');
    const content = await this.evidence.get(piece.sha256);
    // Listed on the case but missing or altered on disk is our fault, not the caller's: a 500, logged.
    if (content === null) throw new Error(`Evidence file ${piece.sha256} of case ${q.caseId} is missing from the evidence store`);
    if (sha256Hex(content) !== piece.sha256) throw new Error(`Evidence file ${piece.sha256} of case ${q.caseId} does not match its hash`);
    return {
      caseId: q.caseId,
      evidenceId: piece.evidenceId,
      filename: piece.filename,
      contentType: piece.contentType,
      sha256: piece.sha256,
      size: piece.size,
      content,
    };
  }
}
