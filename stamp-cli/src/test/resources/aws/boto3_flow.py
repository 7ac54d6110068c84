"""The AWS Private CA seed flow, every error Stamp can produce, and aws-privateca-issuer's calls, through boto3.

Run by AwsSdkIT against a running Stamp server:
  python3 boto3_flow.py ENDPOINT CA_BUNDLE REGION ACCESS_KEY_ID SECRET_ACCESS_KEY LEAF_CSR_FILE
Prints one JSON object with what it saw; any unexpected outcome raises, so the exit code is non-zero.
"""
import base64
import hashlib
import json
import sys
import time

import boto3
import botocore.config

endpoint, bundle, region, key_id, secret, leaf_csr_file = sys.argv[1:7]
session = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name=region)
config = botocore.config.Config(retries={"max_attempts": 1})
pca = session.client("acm-pca", endpoint_url=endpoint, verify=bundle, config=config)
sts = session.client("sts", endpoint_url=endpoint, verify=bundle, config=config)
seen = {}


def create(kind, cn, token=None):
    args = dict(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "EC_prime256v1", "SigningAlgorithm": "SHA256WITHECDSA",
            "Subject": {"Country": "FR", "Organization": "Example", "CommonName": cn}},
        CertificateAuthorityType=kind,
        RevocationConfiguration={"CrlConfiguration": {"Enabled": True, "ExpirationInDays": 7},
                                 "OcspConfiguration": {"Enabled": True}},
        Tags=[{"Key": "flow", "Value": "boto3"}])
    if token:
        args["IdempotencyToken"] = token
    return pca.create_certificate_authority(**args)["CertificateAuthorityArn"]


def wait_csr(arn):
    pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]


def issue(ca, csr, template, validity, token=None):
    args = dict(CertificateAuthorityArn=ca, Csr=csr.encode(), SigningAlgorithm="SHA256WITHECDSA",
                TemplateArn="arn:aws:acm-pca:::template/" + template, Validity=validity)
    if token:
        args["IdempotencyToken"] = token
    arn = pca.issue_certificate(**args)["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=ca, CertificateArn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return arn, pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=arn)


# STS first, as aws-privateca-issuer does before it marks an issuer Ready.
identity = sts.get_caller_identity()
seen["callerAccount"] = identity["Account"]
seen["callerArn"] = identity["Arn"]

# Root: create, CSR, self-issue with RootCACertificate/V1, import.
root = create("ROOT", "boto3 Root", token="boto3-root")
assert create("ROOT", "boto3 Root", token="boto3-root") == root, "idempotent create"
root_arn, root_cert = issue(root, wait_csr(root), "RootCACertificate/V1", {"Value": 10, "Type": "YEARS"})
assert "CertificateChain" not in root_cert, "a self-signed root certificate has no chain"
pca.import_certificate_authority_certificate(CertificateAuthorityArn=root, Certificate=root_cert["Certificate"].encode())
seen["rootStatus"] = pca.describe_certificate_authority(CertificateAuthorityArn=root)["CertificateAuthority"]["Status"]

# Subordinate signed by the root with SubordinateCACertificate_PathLen0/V1, imported with its chain.
sub = create("SUBORDINATE", "boto3 Issuing")
_, sub_cert = issue(root, wait_csr(sub), "SubordinateCACertificate_PathLen0/V1", {"Value": 5, "Type": "YEARS"})
pca.import_certificate_authority_certificate(CertificateAuthorityArn=sub, Certificate=sub_cert["Certificate"].encode(),
                                             CertificateChain=sub_cert["CertificateChain"].encode())
seen["subStatus"] = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]["Status"]

# aws-privateca-issuer's requests (reference section 7): Describe once for the signing algorithm, then IssueCertificate
# with ABSOLUTE validity and the first 36 hex digits of sha256("<namespace>/<name>") as token, then GetCertificate.
described = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]
algorithm = described["CertificateAuthorityConfiguration"]["SigningAlgorithm"]
token = hashlib.sha256(b"default/app-private-example-net").hexdigest()[:36]
not_after = int(time.time()) + 30 * 86400
csr = open(leaf_csr_file).read()
issued = []
for _ in range(2):
    issued.append(pca.issue_certificate(CertificateAuthorityArn=sub, Csr=csr.encode(), SigningAlgorithm=algorithm,
                                        TemplateArn="arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1",
                                        Validity={"Type": "ABSOLUTE", "Value": not_after}, IdempotencyToken=token)["CertificateArn"])
assert issued[0] == issued[1], "the issuer's retried request gets the same certificate"
leaf = pca.get_certificate(CertificateAuthorityArn=sub, CertificateArn=issued[0])
chain_pems = [p + "-----END CERTIFICATE-----\n" for p in leaf["CertificateChain"].split("-----END CERTIFICATE-----") if p.strip()]
seen["leafArn"] = issued[0]
seen["tlsCrt"] = leaf["Certificate"] + "\n" + "".join(chain_pems[:-1])   # what the issuer writes to tls.crt
seen["caCrt"] = chain_pems[-1]                                           # and to ca.crt (the last PEM: the root)
seen["rootPem"] = root_cert["Certificate"]

# Pagination through ListCertificateAuthorities one at a time.
arns, paginator = [], pca.get_paginator("list_certificate_authorities")
for page in paginator.paginate(PaginationConfig={"PageSize": 1}):
    arns += [ca["Arn"] for ca in page["CertificateAuthorities"]]
seen["listed"] = len(arns)
assert root in arns and sub in arns

# Tags, permissions, policy.
pca.tag_certificate_authority(CertificateAuthorityArn=sub, Tags=[{"Key": "env", "Value": "prod"}])
seen["tags"] = sorted(t["Key"] for t in pca.list_tags(CertificateAuthorityArn=sub)["Tags"])
pca.create_permission(CertificateAuthorityArn=sub, Principal="acm.amazonaws.com", Actions=["IssueCertificate", "GetCertificate", "ListPermissions"])
seen["permissions"] = len(pca.list_permissions(CertificateAuthorityArn=sub)["Permissions"])
policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                                                              "Action": "acm-pca:IssueCertificate", "Resource": sub}]})
pca.put_policy(ResourceArn=sub, Policy=policy)
assert pca.get_policy(ResourceArn=sub)["Policy"] == policy

# Revoke, then an audit report that shows it.
serial = issued[0].rsplit("/", 1)[1]
pca.revoke_certificate(CertificateAuthorityArn=sub, CertificateSerial=serial, RevocationReason="KEY_COMPROMISE")
seen["revokedSerial"] = serial
report = pca.create_certificate_authority_audit_report(CertificateAuthorityArn=sub, S3BucketName="audit-bucket", AuditReportResponseFormat="JSON")
pca.get_waiter("audit_report_created").wait(CertificateAuthorityArn=sub, AuditReportId=report["AuditReportId"], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
seen["auditReportKey"] = report["S3Key"]

# Every modelled error Stamp can produce arrives as its own botocore exception class.
missing = root.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
mismatched = create("SUBORDINATE", "boto3 Mismatch")   # its key is not the one in the subordinate's certificate
other_csr = csr.encode()
cases = {
    "ResourceNotFoundException": lambda: pca.describe_certificate_authority(CertificateAuthorityArn=missing),
    "InvalidArnException": lambda: pca.describe_certificate_authority(CertificateAuthorityArn="arn:aws:acm-pca:" + region + ":000000000000:certificate-authority"),
    "InvalidArgsException": lambda: pca.issue_certificate(CertificateAuthorityArn=sub, Csr=other_csr, SigningAlgorithm="SHA256WITHRSA",
                                                          Validity={"Type": "DAYS", "Value": 1}),
    "MalformedCSRException": lambda: pca.issue_certificate(CertificateAuthorityArn=sub, Csr=b"not a csr", SigningAlgorithm="SHA256WITHECDSA",
                                                           Validity={"Type": "DAYS", "Value": 1}),
    "InvalidStateException": lambda: pca.delete_certificate_authority(CertificateAuthorityArn=sub),
    "RequestAlreadyProcessedException": lambda: pca.revoke_certificate(CertificateAuthorityArn=sub, CertificateSerial=serial, RevocationReason="KEY_COMPROMISE"),
    "MalformedCertificateException": lambda: pca.import_certificate_authority_certificate(CertificateAuthorityArn=sub, Certificate=b"junk"),
    "InvalidNextTokenException": lambda: pca.list_certificate_authorities(NextToken="bm90LWEtdG9rZW4"),
    "InvalidTagException": lambda: pca.tag_certificate_authority(CertificateAuthorityArn=sub, Tags=[{"Key": "bad<key>"}]),
    "TooManyTagsException": lambda: pca.tag_certificate_authority(CertificateAuthorityArn=sub, Tags=[{"Key": "k%d" % i} for i in range(50)]),
    "PermissionAlreadyExistsException": lambda: pca.create_permission(CertificateAuthorityArn=sub, Principal="acm.amazonaws.com",
                                                                      Actions=["IssueCertificate"]),
    "InvalidPolicyException": lambda: pca.put_policy(ResourceArn=sub, Policy="{\"Version\":\"2012-10-17\"}"),
    "InvalidRequestException": lambda: pca.revoke_certificate(CertificateAuthorityArn=sub, CertificateSerial="zz", RevocationReason="SUPERSEDED"),
    "CertificateMismatchException": lambda: pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=mismatched, Certificate=sub_cert["Certificate"].encode(), CertificateChain=sub_cert["CertificateChain"].encode()),
}
errors = {}
for name, call in cases.items():
    try:
        call()
        errors[name] = "no error"
    except getattr(pca.exceptions, name) as e:
        errors[name] = name
    except Exception as e:  # noqa: BLE001 - record what came instead
        errors[name] = "%s: %s" % (type(e).__name__, e)
seen["errors"] = errors

# Teardown as the seed flow does: disable, delete with 7 days, restore.
pca.update_certificate_authority(CertificateAuthorityArn=sub, Status="DISABLED")
pca.delete_certificate_authority(CertificateAuthorityArn=sub, PermanentDeletionTimeInDays=7)
seen["deleted"] = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]["Status"]
pca.restore_certificate_authority(CertificateAuthorityArn=sub)
seen["restored"] = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]["Status"]
print(json.dumps(seen))
