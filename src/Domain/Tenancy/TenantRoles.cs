namespace Backscatter.Domain.Tenancy;

/// <summary>The roles a member holds in their tenant, seeded by the Identity migration.</summary>
public static class TenantRoles
{
    /// <summary>Created the tenant; everything, including the team.</summary>
    public const string Owner = "owner";

    /// <summary>Changes settings.</summary>
    public const string Admin = "admin";

    /// <summary>Reads.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Owner, Admin, Viewer];

    /// <summary>Fixed ids, so that the seed data in the migration never changes.</summary>
    public static Guid IdOf(string role) => role switch
    {
        Owner => new Guid("0197f0a0-0000-7000-8000-000000000001"),
        Admin => new Guid("0197f0a0-0000-7000-8000-000000000002"),
        Viewer => new Guid("0197f0a0-0000-7000-8000-000000000003"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a tenant role."),
    };
}
