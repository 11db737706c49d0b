using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Backscatter.Domain.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BackscatterDbContext>
{
    public BackscatterDbContext CreateDbContext(string[] args)
    {
        // The schema owner's when given (scripts/services.sh env): a host's own login may not migrate.
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__BackscatterMigrations")
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Backscatter")
            ?? "Host=127.0.0.1;Port=55432;Database=backscatter;Username=backscatter;Password=backscatter";
        var options = new DbContextOptionsBuilder<BackscatterDbContext>().UseBackscatterDatabase(connectionString);
        return new BackscatterDbContext((DbContextOptions<BackscatterDbContext>)options.Options);
    }
}
