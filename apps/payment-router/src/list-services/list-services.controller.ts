import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatSom, MAX_AMOUNT } from '#money';
import { PAYABLE_SERVICES } from '../domain/payable-service.js';
import { Access, ANY_STAFF, ApiResult } from '#platform';
import { serviceListSchema, type ServiceList } from './service-list.schema.js';

@ApiTags('services')
@Controller('v1/services')
export class ListServicesController {
  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listServices',
    description:
      'The two Dos Tek services as MegaPay lists them under Payments → Other, with the account each one takes.',
    summary: 'Payable services and their account rules',
  })
  @ApiResult(200, 'ServiceList', serviceListSchema, 'The two services')
  list(): ServiceList {
    return {
      items: Object.values(PAYABLE_SERVICES).map((s) => ({
        code: s.code,
        name: s.name,
        description: s.description,
        account: { name: s.account.name, pattern: s.account.pattern.source, length: s.account.length },
        amount: { min: '0.01', max: formatSom(MAX_AMOUNT), currency: 'KGS' },
      })),
    };
  }
}
