import { describe, expect, it } from 'vitest'
import { fieldForAttr, FORM_LEVEL } from './field-keys'
import { newRuleValues } from './form-values'

const values = { ...newRuleValues(), rule_type: 'path_drop' as const, path_drop: { ...newRuleValues().path_drop, patterns: '\n^/a\n\n^/b\n' } }

describe('Which input a server attr names', () => {
  it.each([
    ['name', 'name', ''],
    ['scope_attribute_filters__2__value', 'scope_attribute_filters__2__value', ''],
    ['scope_attribute_filters__0__colour', 'scope_attribute_filters__0__key', ''],
    ['config__actions__INFO__rate', 'config__actions__INFO__rate', ''],
    ['config__actions__INFO__type', 'config__actions__INFO', ''],
    ['config__always_keep__attribute_predicates__1__op', 'config__always_keep__attribute_predicates__1__op', ''],
    ['config__logs_per_second', 'config__rate', ''],
    ['config__kb_per_second', 'config__rate', ''],
    ['config__burst_kb', 'config__burst', ''],
    ['config__patterns__1', 'config__patterns', 'Line 4: '],
    ['config__filter_group__values__0__value', 'config__filter_group__values__0__value', ''],
    ['config__filter_group__values__0__values__1__key', 'config__filter_group', ''],
    ['priority', FORM_LEVEL, ''],
    [null, FORM_LEVEL, ''],
  ])('%s → %s', (attr, key, prefix) => {
    expect(fieldForAttr(attr, values)).toEqual({ key, prefix })
  })
})
