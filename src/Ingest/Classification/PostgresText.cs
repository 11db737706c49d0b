namespace Backscatter.Ingest.Classification;

/// <summary>Text from mail as PostgreSQL takes it: no NUL characters (text and jsonb refuse them), within a column's length.</summary>
internal static class PostgresText
{
    public static string? Clean(string? value, int maxLength = int.MaxValue)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace("\0", "", StringComparison.Ordinal);
        }

        return value.Length <= maxLength ? value : value[..maxLength];
    }
}
