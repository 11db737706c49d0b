using 'main.bicep'

// Example values; secrets come from the pipeline's environment, never from this file.
param name = 'bsc-prod'
param registryServer = 'backscattercloud.azurecr.io'
param webImage = 'backscattercloud.azurecr.io/backscatter-web:latest'
param ingestImage = 'backscattercloud.azurecr.io/backscatter-ingest:latest'
param feedImage = 'backscattercloud.azurecr.io/backscatter-feed:latest'
param feedZone = 'bl.backscatter.cloud'
param portalHost = 'app.backscatter.cloud'
param ingestDomain = 'in.backscatter.cloud'
param feedNodes = 2
param postgresAdministratorPassword = readEnvironmentVariable('BACKSCATTER_PG_PASSWORD')
param rabbitMqPassword = readEnvironmentVariable('BACKSCATTER_MQ_PASSWORD')
