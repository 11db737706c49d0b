using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backscatter.ServiceDefaults;

/// <summary>Not ready until the migrations of this build are applied.</summary>
internal sealed class DatabaseSchemaHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(migrator.IsMigrated
            ? HealthCheckResult.Healthy("Migrations applied.")
            : HealthCheckResult.Unhealthy(migrator.LastError is null
                ? "Migrations are being applied."
                : $"Migrations not applied: {migrator.LastError}"));
}
