// Private network: PostgreSQL and the broker are reachable only from the apps and the feed nodes.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: '${name}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ '10.40.0.0/16' ] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: '10.40.0.0/23'
          delegations: [ { name: 'apps', properties: { serviceName: 'Microsoft.App/environments' } } ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.40.2.0/24'
          delegations: [ { name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } } ]
        }
      }
      {
        name: 'feed'
        properties: {
          addressPrefix: '10.40.3.0/24'
          delegations: [ { name: 'feed', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } } ]
        }
      }
      {
        // The broker is a container instance in the network, not a Container App: an app's internal
        // ingress is reachable only from inside its Container Apps environment, and the feed nodes
        // (container instances, for UDP) are outside it.
        name: 'broker'
        properties: {
          addressPrefix: '10.40.4.0/24'
          delegations: [ { name: 'broker', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } } ]
        }
      }
    ]
  }
}

resource postgresZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${name}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresZone
  name: '${name}-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}

output virtualNetworkId string = vnet.id
output appsSubnetId string = vnet.properties.subnets[0].id
output postgresSubnetId string = vnet.properties.subnets[1].id
output feedSubnetId string = vnet.properties.subnets[2].id
output brokerSubnetId string = vnet.properties.subnets[3].id
output postgresDnsZoneId string = postgresZone.id
