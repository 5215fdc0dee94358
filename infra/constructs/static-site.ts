import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';

/**
 * The web app's files: a private bucket (no public access, TLS only), and — when the stage says so —
 * CloudFront with Origin Access Control in front of it, with the API under the same domain at /api/*.
 */
export class StaticSite extends Construct {
  readonly bucket: s3.Bucket;
  distribution: cloudfront.Distribution | undefined;
  readonly #logs: s3.Bucket;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { stage: StageConfig },
  ) {
    super(scope, id);
    const prod = props.stage.name === 'prod';
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, // CloudFront standard logs need ACLs
      lifecycleRules: [{ expiration: Duration.days(props.stage.logRetentionDays) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });
    this.bucket = new s3.Bucket(this, 'Web', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: prod,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'web-bucket/',
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });

    this.#logs = logs;
  }

  /**
   * With CloudFront on for the stage: the distribution, serving the API under the same domain at /api/*.
   * With `originVerify`, every API request carries that secret as `x-origin-verify` and the viewer's IP
   * in `x-moms-viewer-address` (written by a viewer-request function over anything the viewer sent), so
   * sign-in throttling counts viewers, not edge servers (docs/security.md).
   */
  attachApi(apiUrl: string, originVerify?: secretsmanager.ISecret): void {
    if (!this.props.stage.web.cloudFront || this.distribution) return;
    const apiDomain = Fn.select(2, Fn.split('/', apiUrl));
    const logs = this.#logs;
    const viewerAddress = originVerify
      ? new cloudfront.Function(this, 'ViewerAddress', {
          comment: 'MOMS: the viewer IP for the API (x-moms-viewer-address)',
          runtime: cloudfront.FunctionRuntime.JS_2_0,
          code: cloudfront.FunctionCode.fromInline(VIEWER_ADDRESS_FUNCTION),
        })
      : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: `MOMS ${this.props.stage.name}`,
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        // Client-side routes get the app shell here, not through distribution-wide error pages, which
        // would also turn the API's 403/404 problem+json into 200 + HTML (issue #20).
        functionAssociations: [
          {
            function: new cloudfront.Function(this, 'AppShell', {
              comment: 'MOMS: client-side routes get /index.html',
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              code: cloudfront.FunctionCode.fromInline(APP_SHELL_FUNCTION),
            }),
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          },
        ],
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            // A dynamic reference: the value is resolved by CloudFormation, never written in the template.
            ...(originVerify ? { customHeaders: { 'x-origin-verify': originVerify.secretValue.unsafeUnwrap() } } : {}),
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          ...(viewerAddress
            ? {
                functionAssociations: [
                  { function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
                ],
              }
            : {}),
        },
      },
    });
  }
}

/**
 * CloudFront Functions (JS 2.0), viewer request: the viewer's IP as CloudFront saw it, replacing any
 * `x-moms-viewer-address` the viewer sent. Kept tiny: it runs on every API request.
 */
export const VIEWER_ADDRESS_FUNCTION = `function handler(event) {
  var request = event.request;
  request.headers['x-moms-viewer-address'] = { value: event.viewer.ip };
  return request;
}`;

/**
 * CloudFront Functions (JS 2.0), viewer request on the web app's (default) behaviour: a path whose last
 * segment has no dot is a client-side route (`/finance/invoices/…`) and gets the app shell; files
 * (`/assets/app-1a2b.js`) go to S3 as asked, so a missing one is a real 403/404. `/api/*` has its own
 * behaviour and never comes here; the check is a second line.
 */
export const APP_SHELL_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (uri.indexOf('/api/') !== 0 && last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;
