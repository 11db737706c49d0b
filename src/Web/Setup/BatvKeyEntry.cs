namespace Backscatter.Web.Setup;

/// <summary>A BATV key as the Setup page lists it: never its secret.</summary>
public sealed record BatvKeyEntry(Guid Id, int Number, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? RemovableFrom, bool IsRemovable);
