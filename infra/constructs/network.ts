import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';

/**
 * A VPC with isolated subnets only (no NAT gateway, no internet route): Aurora lives here, and — on a
 * `pg` stage — the functions that talk to it, reaching Secrets Manager and SQS through interface
 * endpoints. On a `data-api` stage the functions stay outside and the VPC holds Aurora alone
 * (docs/adr/0005).
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Functions in the VPC. */
  readonly functionsSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.stage.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });

    this.functionsSecurityGroup = new ec2.SecurityGroup(this, 'Functions', {
      vpc: this.vpc,
      description: 'MOMS Lambda functions in the VPC',
      allowAllOutbound: false,
    });
    this.databaseSecurityGroup = new ec2.SecurityGroup(this, 'Database', {
      vpc: this.vpc,
      description: 'MOMS Aurora cluster',
      allowAllOutbound: false,
    });
    const endpoints = new ec2.SecurityGroup(this, 'Endpoints', {
      vpc: this.vpc,
      description: 'Interface endpoints (Secrets Manager, SQS)',
      allowAllOutbound: false,
    });
    this.databaseSecurityGroup.addIngressRule(this.functionsSecurityGroup, ec2.Port.tcp(5432), 'functions to Aurora');
    this.functionsSecurityGroup.addEgressRule(this.databaseSecurityGroup, ec2.Port.tcp(5432), 'functions to Aurora');
    endpoints.addIngressRule(this.functionsSecurityGroup, ec2.Port.tcp(443), 'functions to AWS APIs');
    this.functionsSecurityGroup.addEgressRule(endpoints, ec2.Port.tcp(443), 'functions to AWS APIs');

    // A Data API stage has no function in the VPC: nothing there calls AWS APIs, so no endpoint (each
    // bills per AZ-hour whether used or not; docs/adr/0005).
    if (props.stage.database.access === 'data-api') return;
    const subnets = { subnets: this.vpc.isolatedSubnets.slice(0, props.stage.network.interfaceEndpointAzs) };
    for (const [name, service] of [
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      ['Sqs', ec2.InterfaceVpcEndpointAwsService.SQS],
      // The SES API, for the worker's mail (only when the stage sends mail; docs/mail.md).
      ...(props.stage.mail ? ([['Email', ec2.InterfaceVpcEndpointAwsService.EMAIL]] as const) : []),
    ] as const) {
      // open: false — only the functions' security group may reach the endpoints (not the whole VPC).
      this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets,
        securityGroups: [endpoints],
        privateDnsEnabled: true,
        open: false,
      });
    }
  }
}
