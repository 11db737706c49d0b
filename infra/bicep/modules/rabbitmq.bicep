// The broker, reachable only inside the environment. One node with its data on Azure Files so a
// restart loses nothing; a three-node cluster with quorum queues (DESIGN.md, "Scale-out") needs
// peer discovery that Container Apps does not offer and is left to a managed broker or VMs.
param name string
param location string
param tags object
param environmentId string
param identityId string
param keyVaultUri string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(replace('${name}mq${uniqueString(resourceGroup().id)}', '-', ''), 24)
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

resource shares 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: shares
  name: 'rabbitmq'
  properties: { shareQuota: 100 }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' existing = {
  name: last(split(environmentId, '/'))
}

resource environmentStorage 'Microsoft.App/managedEnvironments/storages@2024-03-01' = {
  parent: environment
  name: 'rabbitmq'
  properties: {
    azureFile: {
      accountName: storage.name
      accountKey: storage.listKeys().keys[0].value
      shareName: share.name
      accessMode: 'ReadWrite'
    }
  }
}

resource broker 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${name}-rabbitmq'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        targetPort: 5672
        exposedPort: 5672
        transport: 'tcp'
      }
      secrets: [
        { name: 'rabbitmq', keyVaultUrl: '${keyVaultUri}secrets/rabbitmq', identity: identityId }
      ]
    }
    template: {
      containers: [
        {
          name: 'rabbitmq'
          image: 'docker.io/library/rabbitmq:3.13'
          env: [
            { name: 'RABBITMQ_DEFAULT_USER', value: 'backscatter' }
            { name: 'RABBITMQ_DEFAULT_PASS', secretRef: 'rabbitmq' }
            { name: 'RABBITMQ_DEFAULT_VHOST', value: 'backscatter' }
            { name: 'RABBITMQ_NODENAME', value: 'rabbit@localhost' }
          ]
          resources: { cpu: json('2.0'), memory: '4Gi' }
          volumeMounts: [ { volumeName: 'data', mountPath: '/var/lib/rabbitmq' } ]
        }
      ]
      volumes: [ { name: 'data', storageType: 'AzureFile', storageName: environmentStorage.name } ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

output host string = broker.name
