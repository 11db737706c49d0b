// The one database all three hosts share. Zone-redundant HA and a read replica for the portal
// (DESIGN.md, "Scale-out") are switched on here; migrations run from the migration bundle, not the hosts.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags
param administrator string
@secure()
param administratorPassword string
param delegatedSubnetId string
param privateDnsZoneId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: '${name}-pg'
  location: location
  tags: tags
  sku: {
    name: 'Standard_D4ds_v5'
    tier: 'GeneralPurpose'
  }
  properties: {
    version: '15'
    administratorLogin: administrator
    administratorLoginPassword: administratorPassword
    storage: { storageSizeGB: 256, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'ZoneRedundant' }
    network: {
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: privateDnsZoneId
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: 'backscatter'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource replica 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: '${name}-pg-read'
  location: location
  tags: tags
  sku: {
    name: 'Standard_D2ds_v5'
    tier: 'GeneralPurpose'
  }
  properties: {
    createMode: 'Replica'
    sourceServerResourceId: server.id
    network: {
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: privateDnsZoneId
    }
  }
  dependsOn: [ database ]
}

output fqdn string = server.properties.fullyQualifiedDomainName
output replicaFqdn string = replica.properties.fullyQualifiedDomainName
