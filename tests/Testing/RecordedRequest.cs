namespace Backscatter.Testing;

/// <summary>One request the stand-in received.</summary>
public sealed record RecordedRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At);
