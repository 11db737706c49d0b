using 'main.bicep'

// Example values; secrets come from the pipeline's environment, never from this file.
param name = 'bsc-prod'
param registryServer = 'backscattercloud.azurecr.io'
param webImage = 'backscattercloud.azurecr.io/backscatter-web:latest'
param ingestImage = 'backscattercloud.azurecr.io/backscatter-ingest:latest'
param feedImage = 'backscattercloud.azurecr.io/backscatter-feed:latest'
param feedZone = 'bl.backscatter.cloud'
param feedNameServers = [ 'ns1.bl.backscatter.cloud', 'ns2.bl.backscatter.cloud' ]
param feedHostmaster = 'hostmaster.backscatter.cloud'
param portalHost = 'app.backscatter.cloud'
param ingestDomain = 'in.backscatter.cloud'
param feedNodes = 2
param accountMailFrom = 'no-reply@backscatter.cloud'
param smarthostHost = 'smtp.backscatter.cloud'
param smarthostUsername = 'portal@backscatter.cloud'
param postgresAdministratorPassword = readEnvironmentVariable('BACKSCATTER_PG_PASSWORD')
param webDatabasePassword = readEnvironmentVariable('BACKSCATTER_PG_WEB_PASSWORD')
param ingestDatabasePassword = readEnvironmentVariable('BACKSCATTER_PG_INGEST_PASSWORD')
param feedDatabasePassword = readEnvironmentVariable('BACKSCATTER_PG_FEED_PASSWORD')
param rabbitMqPassword = readEnvironmentVariable('BACKSCATTER_MQ_PASSWORD')
param smarthostPassword = readEnvironmentVariable('BACKSCATTER_SMARTHOST_PASSWORD')
