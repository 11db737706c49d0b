namespace Backscatter.Web.Setup;

public sealed record DomainEntry(Guid Id, string Name, DateTimeOffset CreatedAt);
