namespace Backscatter.Ingest.Smtp;

/// <summary>A RCPT TO address that matched a tenant's ingest address.</summary>
public sealed record AcceptedRecipient(string Address, Guid TenantId);
