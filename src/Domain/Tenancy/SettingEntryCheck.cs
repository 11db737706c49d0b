namespace Backscatter.Domain.Tenancy;

/// <summary>What checking one entered setting found: the entry as stored, or why it is refused.</summary>
public sealed record SettingEntryCheck(string? Value, string? Error)
{
    public bool IsValid => Value is not null;

    public static SettingEntryCheck Valid(string value) => new(value, null);

    public static SettingEntryCheck Invalid(string error) => new(null, error);
}
