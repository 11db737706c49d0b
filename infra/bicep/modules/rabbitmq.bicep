// The broker: one node in the private network, its data on Azure Files so a restart loses nothing.
// A container instance rather than a Container App, because the feed nodes (container instances,
// outside the Container Apps environment) must reach it too. A three-node cluster with quorum
// queues (DESIGN.md, "Scale-out") needs stable peer discovery and is left to a managed broker or VMs.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags
param subnetId string
param logAnalyticsWorkspaceName string
@description('The account and virtual host the hosts use.')
param username string
param virtualHost string
@secure()
@description('Pass a Key Vault reference (getSecret), never a literal.')
param rabbitMqPassword string

var storageName = '${take(toLower(replace(name, '-', '')), 9)}mq${uniqueString(resourceGroup().id)}'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource shares 'Microsoft.Storage/storageAccounts/fileServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2026-06-01' = {
  parent: shares
  name: 'rabbitmq'
  properties: { shareQuota: 100 }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource broker 'Microsoft.ContainerInstance/containerGroups@2026-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    osType: 'Linux'
    restartPolicy: 'Always'
    sku: 'Standard'
    subnetIds: [ { id: subnetId } ]
    ipAddress: {
      type: 'Private'
      ports: [ { port: 5672, protocol: 'TCP' } ]
    }
    diagnostics: {
      logAnalytics: {
        workspaceId: workspace.properties.customerId
        workspaceKey: workspace.listKeys().primarySharedKey
      }
    }
    volumes: [
      {
        name: 'data'
        azureFile: {
          shareName: share.name
          storageAccountName: storage.name
          storageAccountKey: storage.listKeys().keys[0].value
        }
      }
    ]
    containers: [
      {
        name: 'rabbitmq'
        properties: {
          image: 'docker.io/library/rabbitmq:3.13'
          resources: { requests: { cpu: 2, memoryInGB: 4 } }
          ports: [ { port: 5672, protocol: 'TCP' } ]
          environmentVariables: [
            { name: 'RABBITMQ_DEFAULT_USER', value: username }
            { name: 'RABBITMQ_DEFAULT_PASS', secureValue: rabbitMqPassword }
            { name: 'RABBITMQ_DEFAULT_VHOST', value: virtualHost }
            // A fixed node name keeps the data directory's name across restarts (the host name changes).
            { name: 'RABBITMQ_NODENAME', value: 'rabbit@localhost' }
          ]
          // Only the message store on the share: the Erlang cookie in /var/lib/rabbitmq must stay
          // owner-only, which an SMB mount cannot give.
          volumeMounts: [ { name: 'data', mountPath: '/var/lib/rabbitmq/mnesia' } ]
        }
      }
    ]
  }
}

output host string = broker.properties.ipAddress.ip
