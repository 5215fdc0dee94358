import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { StageConfig } from '../config/stages.js';

/** The address part of `Name <address>` or `address`. */
export function mailAddressOf(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  const address = angle ? angle[1]! : from.trim();
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(address)) throw new Error(`stage mail.from is not a mail address: ${from}`);
  return address;
}

/**
 * Outbound mail on AWS (docs/mail.md): the worker sends with SES (the `platform.mail.send` job). A
 * stage without `mail` gets no permission and no sender, so sending is disabled (each send job fails
 * saying so); with `mail`, the worker may `ses:SendEmail` from that one identity only (the given ARN,
 * or the from-address's domain identity in the stage's region).
 */
export function wireMail(worker: lambda.Function, stage: StageConfig): { identityArn: string } | undefined {
  worker.addEnvironment('MAIL_TRANSPORT', 'ses');
  if (!stage.mail) return undefined;
  const domain = mailAddressOf(stage.mail.from).split('@')[1]!;
  const identityArn =
    stage.mail.identityArn ??
    Stack.of(worker).formatArn({ service: 'ses', resource: 'identity', resourceName: domain });
  worker.addEnvironment('MAIL_FROM', stage.mail.from);
  worker.addEnvironment('MAIL_IDENTITY_ARN', identityArn);
  worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identityArn] }));
  return { identityArn };
}
