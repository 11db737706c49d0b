using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backscatter.Domain.Persistence.Configurations;

/// <summary>The Identity roles, seeded with the three tenant roles.</summary>
internal sealed class TenantRoleEntityTypeConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder)
    {
        builder.ToTable("roles");
        builder.HasData(TenantRoles.All.Select(name => new IdentityRole<Guid>
        {
            Id = TenantRoles.IdOf(name),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = name,
        }));
    }
}
