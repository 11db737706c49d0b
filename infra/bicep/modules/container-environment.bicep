// The Container Apps environment of Web, Ingest and the broker, inside the private network.
param name string
param location string
param tags object
param logAnalyticsCustomerId string
param logAnalyticsWorkspaceId string
param infrastructureSubnetId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: last(split(logAnalyticsWorkspaceId, '/'))
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-apps'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalyticsCustomerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: false
    }
    zoneRedundant: true
  }
}

output environmentId string = environment.id
output defaultDomain string = environment.properties.defaultDomain
