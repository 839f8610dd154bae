import { describeCatalogApi } from './catalog-api.suite';

describeCatalogApi('in memory', () => ({}));
