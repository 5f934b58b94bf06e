import { it } from 'vitest';
import { assessHousehold } from '../../src/assess/assessHousehold.js';
import { family, household, heze, income, bank, vehicle, realestate, crossprov, asOf } from './builders.js';
it('smoke', () => {
  const [a, b] = family({ employed: true, declaredMonthlyIncome: 50000 }, {});
  const h = household([a!, b!], {}, {
    income: [income(a!, { amount: 3600000 }), income(a!, { amount: 3500000, source: '社保' }), income(b!, { category: '社保个人缴费', item: '养老保险', amount: 120000 }), income(b!, { item: '奖学金', amount: 500000 })],
    bank: [bank(a!, { account_no: '6222000011112222', balance: 1000000 }), bank(a!, { account_no: '6222000011112222', balance: 1200000, as_of: '2024-06-02' })],
    vehicle: [vehicle(b!, { name: '别人' })],
    realestate: [realestate(a!), realestate(b!, { share: { num: 1, den: 2 } })],
    crossprov: [crossprov(a!, { item: '工商', result: '有' })],
  });
  const r = assessHousehold(h, heze, asOf);
  const t = r.trace as any;
  for (const k of Object.keys(t)) console.log(k, JSON.stringify(t[k]).length);
  for (const k of Object.keys(t.main)) console.log('main.'+k, JSON.stringify(t.main[k]).length);
  const N = 20000; const t0 = performance.now();
  for (let i = 0; i < N; i++) assessHousehold(h, heze, asOf);
  const t1 = performance.now();
  console.log('per sec', N / ((t1 - t0) / 1000));
  const t2 = performance.now();
  for (let i = 0; i < N; i++) JSON.stringify(assessHousehold(h, heze, asOf));
  console.log('with stringify per sec', N / ((performance.now() - t2) / 1000));
});
