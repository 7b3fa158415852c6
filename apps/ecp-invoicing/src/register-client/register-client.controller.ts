import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  Access,
  ApiError,
  ApiResult,
  CurrentActor,
  CurrentCaller,
  openApiSchema,
  ZodPipe,
  type Actor,
  type Caller,
} from '#platform';
import { newRegistrationSchema, type NewRegistration } from './new-registration.schema.js';
import { formatSom } from '#money';
import { RegisterClientHandler } from './register-client.handler.js';
import { registerClientRequest, type RegisterClientRequest } from './register-client.request.js';

@ApiTags('ЭЦП registrations')
@Controller('v1/ecp/registrations')
export class RegisterClientController {
  constructor(@Inject(RegisterClientHandler) private readonly handler: RegisterClientHandler) {}

  @Access({ partners: ['ecp-registration'], staff: ['registrar'] })
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerClient',
    description: 'Registers a new client for an ЭЦП product and issues the invoice the client then pays from MegaPay.',
    summary: 'Register a new ЭЦП client (Osh, Jalal-Abad or online) and issue the invoice for the product',
  })
  @ApiBody({ schema: openApiSchema(registerClientRequest) })
  @ApiResult(
    201,
    'NewRegistration',
    newRegistrationSchema,
    'Registered; invoice.number is what the client enters in the wallet, invoice.amount what to pay',
  )
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED (INVALID_INN, INVALID_PHONE, INVALID_CSR, UNKNOWN_PRODUCT, CSR_REQUIRED, CSR_NOT_ALLOWED, …)',
  })
  @ApiResponse({
    status: 403,
    description:
      'SCOPE_FORBIDDEN (the website registers ONLINE only), ROLE_FORBIDDEN (a registrar registers at an office)',
  })
  async register(
    @Body(new ZodPipe(registerClientRequest)) body: RegisterClientRequest,
    @CurrentCaller() caller: Caller,
    @CurrentActor() actor: Actor,
  ): Promise<NewRegistration> {
    // Who vouches for the applicant's identity decides where the registration may be made: the website for ONLINE,
    // a registrar who saw the documents for an office.
    if (caller.kind === 'partner' && body.office !== 'ONLINE')
      throw new ApiError(403, 'SCOPE_FORBIDDEN', 'the website registers clients ONLINE only');
    if (caller.kind === 'staff' && body.office === 'ONLINE')
      throw new ApiError(403, 'ROLE_FORBIDDEN', 'a registrar registers clients at an office (OSH, JALAL_ABAD)');
    const r = await this.handler.handle(body, actor);
    return {
      id: r.id,
      office: body.office,
      organizationName: body.organizationName,
      inn: body.inn,
      signerName: body.signerName,
      signerRole: body.signerRole,
      phone: body.phone,
      product: {
        code: r.product.code,
        name: r.product.name,
        keyStorage: r.product.keyStorage,
        validityMonths: r.product.validityMonths,
      },
      csrProvided: body.csr !== undefined,
      createdAt: r.createdAt.toISOString(),
      invoice: {
        number: r.invoice.number,
        amount: formatSom(r.product.price),
        amountDue: formatSom(r.product.price),
        status: 'ISSUED',
        issuedAt: r.invoice.issuedAt.toISOString(),
        expiresAt: r.invoice.expiresAt.toISOString(),
      },
    };
  }
}
